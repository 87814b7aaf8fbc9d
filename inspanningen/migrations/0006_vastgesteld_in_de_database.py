"""A finalised round never changes, also not past the ORM: triggers refuse any INSERT, UPDATE or
DELETE of a score whose round is vastgesteld, and any change to a vastgestelde round's own row
except reopening it (status back to open, the finalise date and person cleared, nothing else).

A score's trigger reads its round FOR SHARE, so the check holds until the write commits:
finalising (which locks the round FOR UPDATE) waits for every score write in progress, and a
write that waited for a finalising sees the round as vastgesteld and is refused.

Restoring a portable export (`manage.py zet_export_terug`) inserts finalised rounds with their
scores; it sets `gg.herstel` for its own transaction, and the triggers let that through.

The errors use SQLSTATE 23514, so Django raises IntegrityError; the model layer
(inspanningen.models.RondeVastgesteld) refuses first, with a clear Dutch message."""

from django.db import migrations

SQL = r"""
CREATE FUNCTION gg_score_vastgesteld() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ronde record;
BEGIN
    IF current_setting('gg.herstel', true) = 'aan' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    -- The round it is in, and (when moved) the round it was in, locked FOR SHARE.
    FOR ronde IN
        SELECT r.jaar, r.status FROM inspanningen_ronde r
         WHERE r.id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.ronde_id END,
                        CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.ronde_id END)
         ORDER BY r.id
         FOR SHARE
    LOOP
        IF ronde.status = 'vastgesteld' THEN
            RAISE EXCEPTION 'Ronde % is vastgesteld: de scores kunnen niet meer worden gewijzigd.',
                  ronde.jaar USING ERRCODE = '23514';
        END IF;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER score_vastgesteld
    BEFORE INSERT OR UPDATE OR DELETE ON inspanningen_score
    FOR EACH ROW EXECUTE FUNCTION gg_score_vastgesteld();

CREATE FUNCTION gg_ronde_vastgesteld() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'vastgesteld' OR current_setting('gg.herstel', true) = 'aan' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status = 'open'
       AND NEW.vastgesteld_op IS NULL AND NEW.vastgesteld_door_id IS NULL
       AND to_jsonb(NEW) - '{status,vastgesteld_op,vastgesteld_door_id}'::text[]
         = to_jsonb(OLD) - '{status,vastgesteld_op,vastgesteld_door_id}'::text[] THEN
        RETURN NEW;  -- heropenen
    END IF;
    RAISE EXCEPTION 'Ronde % is vastgesteld en kan niet meer worden gewijzigd.', OLD.jaar
          USING ERRCODE = '23514';
END $$;

CREATE TRIGGER ronde_vastgesteld
    BEFORE UPDATE OR DELETE ON inspanningen_ronde
    FOR EACH ROW EXECUTE FUNCTION gg_ronde_vastgesteld();
"""

REVERSE_SQL = """
DROP TRIGGER ronde_vastgesteld ON inspanningen_ronde;
DROP FUNCTION gg_ronde_vastgesteld();
DROP TRIGGER score_vastgesteld ON inspanningen_score;
DROP FUNCTION gg_score_vastgesteld();
"""


class Migration(migrations.Migration):
    dependencies = [("inspanningen", "0005_overdrachtsnotitie_max")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
