-- Hospitality, fourth pass (issue 4): a place's position for the map of
-- places.  Optional; micro-degrees (WGS 84) as integers, both or neither.
-- Without them the map puts the place at the centre of its department,
-- found from the postcode (src/hospitality/geo.c).
ALTER TABLE places ADD COLUMN latitude_e6 INTEGER
	CHECK (latitude_e6 BETWEEN -90000000 AND 90000000);
ALTER TABLE places ADD COLUMN longitude_e6 INTEGER
	CHECK (longitude_e6 BETWEEN -180000000 AND 180000000)
	CHECK ((latitude_e6 IS NULL) = (longitude_e6 IS NULL));
