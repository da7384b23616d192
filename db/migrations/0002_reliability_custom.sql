-- The change log is the ISO "control of records": append-only. The app has
-- no method to edit it, and these triggers refuse any UPDATE or DELETE that
-- reaches the database by another road.
CREATE TRIGGER `change_log_no_update` BEFORE UPDATE ON `change_log`
BEGIN
	SELECT RAISE(ABORT, 'CHANGE_LOG_READ_ONLY');
END;
--> statement-breakpoint
CREATE TRIGGER `change_log_no_delete` BEFORE DELETE ON `change_log`
BEGIN
	SELECT RAISE(ABORT, 'CHANGE_LOG_READ_ONLY');
END;
