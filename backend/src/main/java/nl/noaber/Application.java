package nl.noaber;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(
        info = @Info(
                title = "Noaber API",
                version = "0.1",
                description = "Neighbourhood help marketplace: requests, offers, matching and makelaar tools."))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
