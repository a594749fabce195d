package io.tollgate.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One scrape of a service's metrics listener, in the Prometheus text format, and the sum of the
 * samples of a series that carry given labels.
 */
final class PrometheusScrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    /** {@code GET /metrics} on the port, which must answer 200. */
    static PrometheusScrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new PrometheusScrape(response.body());
    }

    /** The whole text, to assert what it must not contain. */
    String text() {
        return text;
    }

    /**
     * The sum of the samples named {@code name} (exactly) whose labels include every
     * {@code key="value"} given; 0 when there is none.
     */
    double sum(String name, String... labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            List<String> wanted = Arrays.asList(labels);
            if (wanted.stream().allMatch(series::contains)) {
                total += Double.parseDouble(line.substring(end + 1));
            }
        }
        return total;
    }

    /** A label as the text writes it. */
    static String label(String key, String value) {
        return key + "=\"" + value + "\"";
    }
}
