-- gleaner's records as DuckDB tables, generated from the record types
-- (`gleaner schema --sql`; the JSON Schemas in this folder come from the same types).
-- Load JSON Lines with e.g.:
--   INSERT INTO article SELECT * FROM read_json('records.jsonl', format = 'newline_delimited');

CREATE TABLE "article" (
    "authors" VARCHAR[] NOT NULL,
    "captions" VARCHAR[] NOT NULL,
    "countries" STRUCT("iso2" VARCHAR, "iso3" VARCHAR, "mentions" STRUCT("end" UBIGINT, "start" UBIGINT, "text" VARCHAR)[], "name" VARCHAR)[] NOT NULL,
    "counts" STRUCT("end" UBIGINT, "qualifier" VARCHAR, "start" UBIGINT, "text" VARCHAR, "unit" VARCHAR, "value" DOUBLE)[] NOT NULL,
    "credit" VARCHAR,
    "id" VARCHAR NOT NULL,
    "industries" STRUCT("isic4" VARCHAR, "label" VARCHAR, "mentions" STRUCT("end" UBIGINT, "start" UBIGINT, "text" VARCHAR)[], "name" VARCHAR)[] NOT NULL,
    "language" VARCHAR,
    "organizations" STRUCT("country" VARCHAR, "mentions" STRUCT("end" UBIGINT, "start" UBIGINT, "text" VARCHAR)[], "name" VARCHAR, "type" VARCHAR)[] NOT NULL,
    "published" VARCHAR,
    "published_precision" VARCHAR,
    "regions" STRUCT("m49" VARCHAR, "mentions" STRUCT("end" UBIGINT, "start" UBIGINT, "text" VARCHAR)[], "name" VARCHAR)[] NOT NULL,
    "schema" VARCHAR NOT NULL,
    "section" VARCHAR,
    "site" VARCHAR,
    "source" STRUCT("content_sha256" VARCHAR, "encoding" VARCHAR, "fetched_at" VARCHAR, "http_status" USMALLINT, "path" VARCHAR, "url" VARCHAR, "warc" STRUCT()) NOT NULL,
    "text" VARCHAR NOT NULL,
    "title" VARCHAR,
    "url" VARCHAR,
    "warnings" VARCHAR[] NOT NULL
);

CREATE TABLE "error" (
    "attempts" UINTEGER,
    "error" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL,
    "schema" VARCHAR NOT NULL,
    "source" STRUCT("content_sha256" VARCHAR, "encoding" VARCHAR, "fetched_at" VARCHAR, "http_status" USMALLINT, "path" VARCHAR, "url" VARCHAR, "warc" STRUCT()) NOT NULL
);
