CREATE TABLE `inbound_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`held_until` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `job_runs` ADD `instance` text;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `finished_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_by` text;
--> statement-breakpoint
-- Runs recorded before the ledger were recorded once done.
UPDATE `job_runs` SET `finished_at` = `ran_at`;
