-- A rule's `description:` (prose about the condition, templated), kept apart from the runbook prose
-- and from runbook_url, which only ever holds a link. Webhooks carry it as the "description" annotation.
ALTER TABLE alerts ADD COLUMN description TEXT NULL;
