-- Local tables derived from the training rows (never synchronised): see
-- electron/services/training/derived.ts. Both are empty here; the first
-- training read after this migration builds them (folding Vietnamese needs
-- JavaScript) and later reads follow the change log. WITHOUT ROWID (added by
-- hand: drizzle-kit cannot say it) makes each look-up one B-tree search.
CREATE TABLE `staff_qualifications` (
	`staff_id` text NOT NULL,
	`course_type_id` text NOT NULL,
	`best_expiry` text NOT NULL,
	PRIMARY KEY(`staff_id`, `course_type_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `staff_qualifications_expiry_idx` ON `staff_qualifications` (`best_expiry`);--> statement-breakpoint
CREATE TABLE `staff_search` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`search_key` text NOT NULL,
	`name_key` text NOT NULL,
	`sort_key` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `training_derived_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `staff_active_role_idx` ON `staff` (`iso_role`,`unit_id`,`id`) WHERE deleted = 0 AND status = 'active';