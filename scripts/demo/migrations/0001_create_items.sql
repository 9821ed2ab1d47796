-- The sample app's table, with a few rows (the demo's "version 1" database).
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
INSERT INTO items (name, price_cents) VALUES ('teapot', 2400), ('cup', 650), ('saucer', 400), ('kettle', 3900);
