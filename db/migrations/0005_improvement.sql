CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`organisation_id` text,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`lead_assessor` text DEFAULT '' NOT NULL,
	`major_count` integer DEFAULT 0 NOT NULL,
	`minor_count` integer DEFAULT 0 NOT NULL,
	`observation_count` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_unit_idx` ON `assessments` (`unit_id`);--> statement-breakpoint
CREATE TABLE `audit_auditors` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`audit_id` text NOT NULL,
	`role` text NOT NULL,
	`full_name` text NOT NULL,
	`staff_id` text,
	`department` text DEFAULT '' NOT NULL,
	`internal_audit_course` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `internal_audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_auditors_audit_idx` ON `audit_auditors` (`audit_id`);--> statement-breakpoint
CREATE TABLE `audit_programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`year` integer NOT NULL,
	`approved_by` text DEFAULT '' NOT NULL,
	`approved_date` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`organisation_id` text,
	`number` text NOT NULL,
	`issuer` text NOT NULL,
	`standard` text NOT NULL,
	`scope` text DEFAULT '[]' NOT NULL,
	`issue_date` text NOT NULL,
	`expiry_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificates_unit_idx` ON `certificates` (`unit_id`);--> statement-breakpoint
CREATE TABLE `corrective_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`finding_id` text,
	`review_id` text,
	`title` text NOT NULL,
	`root_cause` text DEFAULT '' NOT NULL,
	`action` text DEFAULT '' NOT NULL,
	`owner` text NOT NULL,
	`opened_date` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_date` text,
	`verified_by` text,
	`verified_date` text,
	`effective` integer,
	`verification_note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `management_reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrective_actions_unit_idx` ON `corrective_actions` (`unit_id`);--> statement-breakpoint
CREATE INDEX `corrective_actions_finding_idx` ON `corrective_actions` (`finding_id`);--> statement-breakpoint
CREATE TABLE `declarations` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`decision_no` text NOT NULL,
	`decision_date` text NOT NULL,
	`signer` text DEFAULT '' NOT NULL,
	`standard` text NOT NULL,
	`scope` text DEFAULT '[]' NOT NULL,
	`notified_date` text,
	`posted_date` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `declarations_unit_idx` ON `declarations` (`unit_id`);--> statement-breakpoint
CREATE TABLE `engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`organisation_id` text NOT NULL,
	`service` text NOT NULL,
	`contract_no` text DEFAULT '' NOT NULL,
	`contract_value` integer,
	`start_date` text,
	`end_date` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `engagements_org_idx` ON `engagements` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`audit_id` text,
	`assessment_id` text,
	`inspection_id` text,
	`source_ref` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	`clause` text DEFAULT '' NOT NULL,
	`procedure_code` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`description` text NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`found_date` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `internal_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_unit_idx` ON `findings` (`unit_id`);--> statement-breakpoint
CREATE INDEX `findings_audit_idx` ON `findings` (`audit_id`);--> statement-breakpoint
CREATE TABLE `hq_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`raised_date` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answer` text DEFAULT '' NOT NULL,
	`answered_date` text,
	`answered_by` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hq_feedback_unit_idx` ON `hq_feedback` (`unit_id`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`inspector` text NOT NULL,
	`inspection_date` text NOT NULL,
	`minutes_no` text DEFAULT '' NOT NULL,
	`minutes_date` text NOT NULL,
	`on_site` integer DEFAULT true NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_unit_idx` ON `inspections` (`unit_id`);--> statement-breakpoint
CREATE TABLE `internal_audits` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`programme_id` text NOT NULL,
	`title` text NOT NULL,
	`planned_start` text NOT NULL,
	`planned_end` text,
	`actual_start` text,
	`actual_end` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`clauses` text DEFAULT '[]' NOT NULL,
	`procedures` text DEFAULT '[]' NOT NULL,
	`departments` text DEFAULT '[]' NOT NULL,
	`checklist` text DEFAULT '[]' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`) REFERENCES `audit_programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `internal_audits_programme_idx` ON `internal_audits` (`programme_id`);--> statement-breakpoint
CREATE INDEX `internal_audits_unit_idx` ON `internal_audits` (`unit_id`);--> statement-breakpoint
CREATE TABLE `management_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`review_date` text NOT NULL,
	`chair` text NOT NULL,
	`attendees` text DEFAULT '' NOT NULL,
	`inputs` text DEFAULT '{}' NOT NULL,
	`conclusions` text DEFAULT '' NOT NULL,
	`minutes_no` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `management_reviews_unit_idx` ON `management_reviews` (`unit_id`);--> statement-breakpoint
CREATE TABLE `objective_results` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`objective_id` text NOT NULL,
	`result_date` text NOT NULL,
	`value` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `quality_objectives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objective_results_objective_idx` ON `objective_results` (`objective_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`registration_no` text DEFAULT '' NOT NULL,
	`contacts` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quality_objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`target` text NOT NULL,
	`measure` text DEFAULT '' NOT NULL,
	`achieved` integer,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quality_objectives_unit_idx` ON `quality_objectives` (`unit_id`,`year`);--> statement-breakpoint
CREATE TABLE `quality_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`issued_date` text NOT NULL,
	`decision_no` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `unit_scope_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`added_date` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_scope_codes_unit_idx` ON `unit_scope_codes` (`unit_id`);