package nl.noaber.place;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.noaber.account.Role;
import nl.noaber.web.ApiException;
import nl.noaber.web.Problem;

@Controller("/api/address-points")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.Names.COORDINATOR)
@Tag(name = "Places")
public class AddressPointController {
    private final AddressPointImporter importer;

    public AddressPointController(AddressPointImporter importer) {
        this.importer = importer;
    }

    @Serdeable
    public record ImportResult(int imported) {}

    @Put
    @Consumes("text/csv")
    @Operation(summary = "Import address points from an address register (BAG) extract in CSV (coordinators)",
            description = "Header `postcode,house_number,addition,lat,lon`, WGS84 degrees, at most 500,000 addresses "
                    + "(and 20 MB) a request. Addresses already known get their new place. One bad line imports nothing; "
                    + "the answer names the line and column.")
    public ImportResult importAddressPoints(@Nullable @Body InputStream csv) {
        // Streamed, not buffered (micronaut.server.max-request-buffer-size is 10 MB): read line by line up to
        // micronaut.server.max-request-size.
        InputStream body = csv == null ? InputStream.nullInputStream() : csv;
        List<AddressPoint> points;
        try {
            points = AddressPointCsv.parse(new InputStreamReader(body, StandardCharsets.UTF_8));
        } catch (ApiException e) {
            // Parsing stops early at too many errors or rows. The rest of the body (at most max-request-size)
            // is read and dropped, so the client gets the answer and the connection stays usable.
            discard(body);
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof ContentLengthExceededException tooLarge) {
                throw new ApiException(Problem.of(413, "too-large", "Too large",
                        tooLarge.getMessage() + "; split the file and send the parts one by one"), Map.of("Connection", "close"));
            }
            throw new UncheckedIOException(e);
        }
        return new ImportResult(importer.upsert(points));
    }

    private static void discard(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // Too large or cut off: the answer is still the first error found.
        }
    }
}
