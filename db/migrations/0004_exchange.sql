CREATE TABLE `bundles_received` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bundle_id` text NOT NULL,
	`issuer_unit_id` text NOT NULL,
	`issuer_code` text NOT NULL,
	`sequence` integer NOT NULL,
	`bundle_sha256` text NOT NULL,
	`previous_sha256` text NOT NULL,
	`key_id` text NOT NULL,
	`status` text NOT NULL,
	`via_bundle_id` text,
	`received_at` text NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`stored_file` text,
	`forwarded_in` text,
	`gap_accepted` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bundles_received_issuer_idx` ON `bundles_received` (`issuer_unit_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `bundles_sent` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`sequence` integer NOT NULL,
	`bundle_sha256` text NOT NULL,
	`previous_sha256` text NOT NULL,
	`kind` text NOT NULL,
	`since_sequence` integer,
	`change_from` integer NOT NULL,
	`change_to` integer NOT NULL,
	`row_count` integer NOT NULL,
	`key_id` text NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`receipt` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_sent_seq_uq` ON `bundles_sent` (`sequence`);--> statement-breakpoint
CREATE TABLE `office_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`sealed_private_key` text NOT NULL,
	`sealer` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `trusted_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`unit_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`revoked_at` text,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trusted_keys_unit_idx` ON `trusted_keys` (`unit_id`);