CREATE TABLE `report_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`figures` text DEFAULT '[]' NOT NULL,
	`unit_columns` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`template_id` text,
	`period_kind` text NOT NULL,
	`year` integer NOT NULL,
	`period_no` integer DEFAULT 0 NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`scope_mode` text NOT NULL,
	`scope_unit_id` text NOT NULL,
	`title` text NOT NULL,
	`document_no` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`doc_date` text,
	`addressee` text DEFAULT '' NOT NULL,
	`signer_title` text DEFAULT '' NOT NULL,
	`signer` text DEFAULT '' NOT NULL,
	`recipients` text DEFAULT '' NOT NULL,
	`sections` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`finalised_at` text,
	`snapshot` text,
	`bundle_id` text,
	`sent_at` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `report_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_period_idx` ON `reports` (`year`,`period_kind`);--> statement-breakpoint
CREATE TABLE `scoring_criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`set_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`weight` real NOT NULL,
	`metric` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_id`) REFERENCES `scoring_sets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scoring_criteria_set_idx` ON `scoring_criteria` (`set_id`);--> statement-breakpoint
CREATE TABLE `scoring_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`criterion_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`value` real,
	`evidence` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `scoring_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scoring_entries_criterion_idx` ON `scoring_entries` (`criterion_id`);--> statement-breakpoint
CREATE TABLE `scoring_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`locked_at` text,
	`results` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_sets_owner_year_uq` ON `scoring_sets` (`unit_id`,`year`);