"""A finalised round never changes, also not past the ORM: triggers refuse any INSERT, UPDATE or
DELETE of a score whose round is vastgesteld, and any change to a vastgestelde round's own row
except reopening it (status back to open, the finalise date and person cleared, nothing else).

One more change is allowed on both: a deleted account's name leaves the record (the foreign keys
bijgewerkt_door and vastgesteld_door are SET NULL), and nothing else changes with it.

Restoring a portable export (`manage.py zet_export_terug`) inserts finalised rounds with their
scores; it sets `gg.herstel` for its own transaction, and the triggers let that through.

The errors use SQLSTATE 23514, so Django raises IntegrityError; the model layer
(inspanningen.models.RondeVastgesteld) refuses first, with a clear Dutch message."""

from django.db import migrations

SQL = r"""
CREATE FUNCTION gg_score_vastgesteld() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    jaar integer;
BEGIN
    IF current_setting('gg.herstel', true) = 'aan' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.bijgewerkt_door_id IS NULL
       AND to_jsonb(NEW) - 'bijgewerkt_door_id' = to_jsonb(OLD) - 'bijgewerkt_door_id' THEN
        RETURN NEW;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT r.jaar INTO jaar FROM inspanningen_ronde r
         WHERE r.id = OLD.ronde_id AND r.status = 'vastgesteld';
    END IF;
    IF jaar IS NULL AND TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT r.jaar INTO jaar FROM inspanningen_ronde r
         WHERE r.id = NEW.ronde_id AND r.status = 'vastgesteld';
    END IF;
    IF jaar IS NOT NULL THEN
        RAISE EXCEPTION 'Ronde % is vastgesteld: de scores kunnen niet meer worden gewijzigd.', jaar
              USING ERRCODE = '23514';
    END IF;
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
    IF TG_OP = 'UPDATE' AND NEW.vastgesteld_door_id IS NULL
       AND to_jsonb(NEW) - 'vastgesteld_door_id' = to_jsonb(OLD) - 'vastgesteld_door_id' THEN
        RETURN NEW;  -- a deleted account
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
