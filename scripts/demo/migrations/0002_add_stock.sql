-- Version 2 of the app shows stock levels: a new column, with a default so version 1 keeps working.
ALTER TABLE items ADD COLUMN stock INTEGER NOT NULL DEFAULT 10;
