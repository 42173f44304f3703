package org.roofline.geometry.io.geopackage;

import java.sql.SQLException;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import org.roofline.geometry.crs.Crs;

/**
 * Registers a {@link Crs} in a GeoPackage's {@code gpkg_spatial_ref_sys}: under its EPSG code (organization EPSG,
 * definition {@link Crs#toWkt1()}, replacing the row the GeoPackage may already hold for that code), or, without a
 * code, under the first free id from {@value #FIRST_CUSTOM_SRS_ID} with organization NONE.
 */
public final class GeoPackageSrs {

    /** The first srs_id given to a CRS without an EPSG code. */
    public static final long FIRST_CUSTOM_SRS_ID = 100_000;

    private GeoPackageSrs() {
    }

    /** @return the srs_id under which the CRS is registered; -1 (undefined Cartesian) for a null CRS */
    public static long register(GeoPackage gpkg, Crs crs) throws SQLException {
        if (crs == null) {
            return -1; // undefined Cartesian, present in every GeoPackage
        }
        SpatialReferenceSystemDao dao = gpkg.getSpatialReferenceSystemDao();
        long id;
        String organization;
        if (crs.epsgCode().isPresent()) {
            id = crs.epsgCode().getAsInt();
            organization = "EPSG";
        } else {
            id = FIRST_CUSTOM_SRS_ID;
            while (dao.queryForId(id) != null) {
                id++;
            }
            organization = "NONE";
        }
        SpatialReferenceSystem srs = dao.queryForId(id);
        boolean exists = srs != null;
        if (!exists) {
            srs = new SpatialReferenceSystem();
            srs.setSrsId(id);
        }
        srs.setSrsName(crs.name());
        srs.setOrganization(organization);
        srs.setOrganizationCoordsysId(id);
        srs.setDefinition(crs.toWkt1());
        srs.setDescription(crs.name());
        if (exists) {
            dao.update(srs);
        } else {
            dao.create(srs);
        }
        return id;
    }
}
