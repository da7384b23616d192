CREATE TABLE `adoptions` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`procedure_id` text NOT NULL,
	`version_id` text NOT NULL,
	`since` text NOT NULL,
	`local_note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `procedure_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoptions_unit_idx` ON `adoptions` (`unit_id`,`procedure_id`);--> statement-breakpoint
CREATE INDEX `adoptions_procedure_idx` ON `adoptions` (`procedure_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_subject_idx` ON `attachments` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `attachments_sha_idx` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `checklist_items` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`checklist_id` text NOT NULL,
	`clause` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`evidence_version_ids` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `unit_checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checklist_items_checklist_idx` ON `checklist_items` (`checklist_id`,`clause`);--> statement-breakpoint
CREATE TABLE `legal_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`procedure_id` text NOT NULL,
	`reference` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`effective_date` text NOT NULL,
	`due_date` text NOT NULL,
	`resolved_version_id` text,
	`resolved_date` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_changes_procedure_idx` ON `legal_changes` (`procedure_id`);--> statement-breakpoint
CREATE TABLE `procedure_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`procedure_id` text NOT NULL,
	`version_no` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT 'initial' NOT NULL,
	`legal_change_id` text,
	`issue_date` text,
	`decision_no` text DEFAULT '' NOT NULL,
	`decision_date` text,
	`signer` text DEFAULT '' NOT NULL,
	`review_due` text,
	`last_reviewed` text,
	`end_date` text,
	`end_note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `procedure_versions_procedure_idx` ON `procedure_versions` (`procedure_id`,`version_no`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`domain` text NOT NULL,
	`origin` text NOT NULL,
	`owner_role` text DEFAULT '' NOT NULL,
	`admin_procedure` text DEFAULT '' NOT NULL,
	`review_months` integer DEFAULT 12 NOT NULL,
	`reference` integer DEFAULT false NOT NULL,
	`current_version_id` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `procedures_code_idx` ON `procedures` (`code`);--> statement-breakpoint
CREATE INDEX `procedures_domain_idx` ON `procedures` (`domain`);--> statement-breakpoint
CREATE TABLE `unit_checklists` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`standard` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`started_date` text NOT NULL,
	`migrated_from` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
