package org.loyaltyterminal.sync.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.signing.EnvelopeRejectedException.Reason;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * The signed wrapper of every message from HQ:
 *
 * <pre>{"alg":"Ed25519","key":"hq-2026","body":"&lt;base64 of the body's UTF-8 JSON&gt;","sig":"&lt;base64&gt;"}</pre>
 *
 * The signature covers the body's exact bytes, carried base64-encoded, so no JSON
 * canonicalisation is needed and a re-formatting broker or tool cannot break it.
 */
public final class SignedEnvelope {
    private static final String ALGORITHM = "Ed25519";

    private SignedEnvelope() {}

    public static byte[] sign(byte[] body, String keyId, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(body);
            byte[] signature = signer.sign();
            return ("{\"alg\":\"" + ALGORITHM + "\",\"key\":\"" + keyId + "\",\"body\":\""
                            + Base64.getEncoder().encodeToString(body) + "\",\"sig\":\""
                            + Base64.getEncoder().encodeToString(signature) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SyncException("signing with key '" + keyId + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * The body bytes, once the signature verifies with a trusted key.
     *
     * @throws EnvelopeRejectedException naming why it does not
     */
    public static byte[] open(byte[] envelope, HqKeyRing keys, Json json) {
        JsonNode root;
        try {
            root = json.read(envelope, "signed envelope");
        } catch (WireFormatException e) {
            throw new EnvelopeRejectedException(Reason.MALFORMED, e.getMessage(), e);
        }
        if (!root.hasNonNull("sig") || !root.hasNonNull("key")) {
            throw new EnvelopeRejectedException(Reason.UNSIGNED, "the envelope has no 'key' and 'sig'");
        }
        if (!ALGORITHM.equals(root.path("alg").asText())) {
            throw new EnvelopeRejectedException(
                    Reason.UNSIGNED, "algorithm '" + root.path("alg").asText() + "' is not Ed25519");
        }
        String keyId = root.get("key").asText();
        PublicKey key = keys.key(keyId)
                .orElseThrow(() -> new EnvelopeRejectedException(
                        Reason.UNKNOWN_KEY,
                        "key id '" + keyId + "' is not among the configured HQ keys "
                                + keys.keys().keySet()));
        byte[] body;
        byte[] signature;
        try {
            body = Base64.getDecoder().decode(root.path("body").asText());
            signature = Base64.getDecoder().decode(root.get("sig").asText());
        } catch (IllegalArgumentException e) {
            throw new EnvelopeRejectedException(Reason.MALFORMED, "'body' or 'sig' is not base64", e);
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(body);
            if (!verifier.verify(signature)) {
                throw new EnvelopeRejectedException(
                        Reason.BAD_SIGNATURE, "signature by '" + keyId + "' does not match" + " the body");
            }
        } catch (SignatureException e) {
            throw new EnvelopeRejectedException(Reason.BAD_SIGNATURE, "signature by '" + keyId + "' is malformed", e);
        } catch (GeneralSecurityException e) {
            throw new SyncException("Ed25519 verification unavailable in this JDK: " + e.getMessage(), e);
        }
        return body;
    }
}
