-- Search over procedures, versions, legal changes and attachment names.
-- Local only (never synchronised): the procedures service keeps it current
-- from the change log and stores text folded by fold() (lower case, no
-- diacritics, đ→d), so "dang ky" finds "Đăng ký".
CREATE VIRTUAL TABLE `procedure_search` USING fts5(body, tokenize = 'unicode61');
--> statement-breakpoint
CREATE TABLE `procedure_search_docs` (`id` integer PRIMARY KEY, `kind` text NOT NULL, `row_id` text NOT NULL UNIQUE, `procedure_id` text);
--> statement-breakpoint
CREATE TABLE `procedure_search_state` (`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1), `last_seq` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `procedure_search_state` (`id`, `last_seq`) VALUES (1, 0);
