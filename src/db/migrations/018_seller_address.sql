-- 018_seller_address.sql — one source for the seller's address (issue 9).
--
-- Documents printed the address of economy_settings while the directory
-- showed the cooperative's own (cooperatives.address, postcode, commune):
-- two copies of one fact that had drifted apart.  The cooperative's record
-- is now the only one; the settings' copy goes, its data kept:
--  - a cooperative with no address of its own takes the settings' one;
--  - a cooperative whose own address differs keeps its own, and the
--    settings' one is written to the audit trail (action "migrate"), so
--    that nothing typed is lost.

UPDATE cooperatives
   SET address = (SELECT e.address FROM economy_settings e WHERE e.cooperative_id = cooperatives.id)
 WHERE address = '' AND postcode = '' AND commune = ''
   AND EXISTS (SELECT 1 FROM economy_settings e WHERE e.cooperative_id = cooperatives.id AND e.address <> '');

INSERT INTO audit_log(at, actor_id, action, entity, entity_id, before, after)
SELECT bigre_now(), NULL, 'migrate', 'cooperative', c.id,
       json_object('economy_settings.address', e.address),
       json_object('address', c.address, 'postcode', c.postcode, 'commune', c.commune)
  FROM cooperatives c JOIN economy_settings e ON e.cooperative_id = c.id
 WHERE e.address <> '' AND e.address <> c.address;

ALTER TABLE economy_settings DROP COLUMN address;
