-- Consecutive failed logins and the lock they caused, kept with the account so that every
-- replica applies the same lock-out.
ALTER TABLE accounts
    ADD COLUMN failed_logins integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until  timestamptz;
