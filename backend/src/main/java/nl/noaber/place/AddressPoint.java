package nl.noaber.place;

import nl.noaber.geo.LatLon;
import nl.noaber.geo.Postcode;

/**
 * One address of the address register: the geocoder's finer table.
 *
 * @param addition house letter and/or suffix in capitals ("A", "2", "BIS"), empty for none
 */
record AddressPoint(Postcode postcode, int houseNumber, String addition, LatLon place) {}
