-- Every instance keeps the sessions it has recently checked in memory, so that a request does not
-- need a database round trip to learn that its session is still live. The database tells every
-- instance at once when that stops being true: these triggers send a notification on the channel
-- `noaber_session` when a session is revoked, shortened or deleted, or an account is disabled.
-- A notification is delivered when the transaction commits, and never if it rolls back; whatever
-- path changes the row (the app, a coordinator's SQL, a purge) is covered.
CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'account' THEN
        PERFORM pg_notify('noaber_session', 'account:' || NEW.id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('noaber_session', 'session:' || OLD.id);
    ELSE
        PERFORM pg_notify('noaber_session', 'session:' || NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER auth_session_revoked AFTER UPDATE ON auth_session FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR NEW.expires_at < OLD.expires_at
          OR OLD.account_id IS DISTINCT FROM NEW.account_id)
    EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER auth_session_deleted AFTER DELETE ON auth_session FOR EACH ROW
    EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER account_disabled AFTER UPDATE ON account FOR EACH ROW
    WHEN (OLD.enabled AND NOT NEW.enabled)
    EXECUTE FUNCTION notify_session_change();
