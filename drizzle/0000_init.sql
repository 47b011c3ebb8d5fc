CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`kind` text NOT NULL,
	`intrapreneur` text NOT NULL,
	`week` text NOT NULL,
	`recipients` text NOT NULL,
	`reason` text NOT NULL,
	`raised_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_once` ON `alerts` (`programme_id`,`kind`,`intrapreneur`,`week`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`programme_id` integer NOT NULL,
	`intrapreneur` text NOT NULL,
	`week` text NOT NULL,
	`release_kind` text,
	`released_days` real,
	`coaching_held` integer,
	`comment` text,
	`answered_by` text NOT NULL,
	`answered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `intrapreneur`, `week`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checkins_release_kind" CHECK("checkins"."release_kind" is null or "checkins"."release_kind" in ('days', 'leave'))
);
--> statement-breakpoint
CREATE INDEX `checkins_by_week` ON `checkins` (`programme_id`,`week`);--> statement-breakpoint
CREATE TABLE `coaching_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`intrapreneur` text NOT NULL,
	`logged_by` text NOT NULL,
	`date` text NOT NULL,
	`duration_minutes` integer,
	`notes` text NOT NULL,
	`logged_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coaching_sessions_by_intrapreneur` ON `coaching_sessions` (`programme_id`,`intrapreneur`,`date`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`programme_id` integer NOT NULL,
	`week` text NOT NULL,
	`evaluated_at` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `week`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `intrapreneurs` (
	`programme_id` integer NOT NULL,
	`person` text NOT NULL,
	`project` text NOT NULL,
	`manager` text NOT NULL,
	`active` integer NOT NULL,
	`deactivated_at` integer,
	PRIMARY KEY(`programme_id`, `person`, `project`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`,`person`) REFERENCES `people`(`programme_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`,`manager`) REFERENCES `people`(`programme_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`,`project`) REFERENCES `projects`(`programme_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`programme_id` integer NOT NULL,
	`job` text NOT NULL,
	`week` text NOT NULL,
	`ran_at` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `job`, `week`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`week` text NOT NULL,
	`recipient` text NOT NULL,
	`message` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`sent_platform` text,
	`sent_ref` text,
	`failed_at` integer,
	`last_error` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_status" CHECK("outbox"."status" in ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key` ON `outbox` (`programme_id`,`key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`programme_id`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_by_week` ON `outbox` (`programme_id`,`week`);--> statement-breakpoint
CREATE TABLE `people` (
	`programme_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`active` integer NOT NULL,
	`deactivated_at` integer,
	PRIMARY KEY(`programme_id`, `id`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`synced_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programmes_key_unique` ON `programmes` (`key`);--> statement-breakpoint
CREATE TABLE `projects` (
	`programme_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`coach` text NOT NULL,
	`status` text NOT NULL,
	`active` integer NOT NULL,
	`deactivated_at` integer,
	PRIMARY KEY(`programme_id`, `id`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`,`coach`) REFERENCES `people`(`programme_id`,`id`) ON UPDATE no action ON DELETE no action
);
