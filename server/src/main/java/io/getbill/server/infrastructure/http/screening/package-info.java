/**
 * Screening of JSON request bodies before they are bound: text that is not valid UTF-8, repeats a key, or carries
 * control or bidirectional-override characters is refused with a field error in the API's envelope. Below
 * {@code infrastructure.http} because it answers in {@code infrastructure.errors}, which itself reads the request id
 * from {@code infrastructure.http}.
 */
package io.getbill.server.infrastructure.http.screening;
