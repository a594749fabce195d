-- One PostgreSQL login per access class (reader, writer; the admin class keeps db_username, the
-- owner login), so that what a caller may do is enforced by the backend's privileges rather than
-- by a transaction mode its own SQL could end.
--
-- Existing tenants are migrated by leaving these NULL: a class without a login of its own runs as
-- the owner login, exactly as every caller did before. That is less safe (a reader's SQL runs as a
-- login that may write) and the connectivity check reports it as shared-login-across-classes until
-- an operator provisions or registers the class logins and PUTs them (docs/tenants.md).
ALTER TABLE tenants ADD COLUMN reader_username     text;
ALTER TABLE tenants ADD COLUMN reader_password_ref text;
ALTER TABLE tenants ADD COLUMN writer_username     text;
ALTER TABLE tenants ADD COLUMN writer_password_ref text;
ALTER TABLE tenants ADD CONSTRAINT tenants_reader_login_whole
    CHECK ((reader_username IS NULL) = (reader_password_ref IS NULL));
ALTER TABLE tenants ADD CONSTRAINT tenants_writer_login_whole
    CHECK ((writer_username IS NULL) = (writer_password_ref IS NULL));
