CREATE TABLE `corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`intrapreneur` text NOT NULL,
	`week` text NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`corrected_by` text NOT NULL,
	`corrected_at` integer NOT NULL,
	`reported_in` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "corrections_field" CHECK("corrections"."field" in ('release', 'coaching'))
);
--> statement-breakpoint
CREATE INDEX `corrections_by_week` ON `corrections` (`programme_id`,`week`);--> statement-breakpoint
CREATE INDEX `corrections_unreported` ON `corrections` (`programme_id`,`week`) WHERE "corrections"."reported_in" is null;