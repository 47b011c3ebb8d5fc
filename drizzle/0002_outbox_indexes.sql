DROP INDEX `outbox_key`;--> statement-breakpoint
DROP INDEX `outbox_due`;--> statement-breakpoint
DROP INDEX `outbox_by_week`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_once` ON `outbox` (`programme_id`,`week`,`key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`programme_id`,`next_attempt_at`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_sending` ON `outbox` (`programme_id`,`claimed_at`) WHERE "outbox"."status" = 'sending';--> statement-breakpoint
CREATE INDEX `outbox_prompted` ON `outbox` (`programme_id`,`week`,`recipient`) WHERE "outbox"."kind" = 'prompt' and "outbox"."status" = 'sent';