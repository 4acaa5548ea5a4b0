package io.kvs.auth.tokens;


/** A freshly issued token: the compact JWT to hand to the client once, and its claims. */
public record SignedToken(String token, IssuedToken claims) {

    @Override
    public String toString() {
        return "SignedToken[token=redacted, claims=" + claims + "]";
    }
}
