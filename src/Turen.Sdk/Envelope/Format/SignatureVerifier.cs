using System;
using System.Numerics;
using System.Security.Cryptography;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Verifies the ECDSA footer of a signed suite (docs/format.md, "What Turen reads", check 13) with the public key the header carries in
/// <c>aws-crypto-public-key</c>: base64 of a SEC1 compressed point.
/// </summary>
internal static class SignatureVerifier
{
    public const string PublicKeyContextKey = "aws-crypto-public-key";

    // DER SubjectPublicKeyInfo prefixes (SEQUENCE { AlgorithmIdentifier { id-ecPublicKey, curve }, BIT STRING }) for a
    // compressed point; OpenSSL decompresses the point on import.
    private static ReadOnlySpan<byte> P256SpkiPrefix => new byte[]
    {
        0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
        0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00,
    };

    private static ReadOnlySpan<byte> P384SpkiPrefix => new byte[]
    {
        0x30, 0x46, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
        0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22, 0x03, 0x32, 0x00,
    };

    /// <summary>Imports the verification key from the header context; throws a malformed-blob error when unusable.</summary>
    public static ECDsa ImportPublicKey(SuiteInfo suite, string base64Point)
    {
        ECCurve curve = suite.SignatureCurve!.Value;
        bool p384 = suite.SignatureHash == HashAlgorithmName.SHA384;
        int coordinateLength = p384 ? 48 : 32;
        byte[] point;
        try
        {
            point = Convert.FromBase64String(base64Point);
        }
        catch (FormatException)
        {
            throw Error.Malformed("the verification key is not base64");
        }

        if (point.Length == 1 + (2 * coordinateLength) && point[0] == 0x04)
        {
            return Import(curve, point.AsSpan(1, coordinateLength).ToArray(), point.AsSpan(1 + coordinateLength).ToArray());
        }

        if (point.Length != 1 + coordinateLength || point[0] is not (0x02 or 0x03))
        {
            throw Error.Malformed("the verification key is not a compressed point on the suite's curve");
        }

        ReadOnlySpan<byte> prefix = p384 ? P384SpkiPrefix : P256SpkiPrefix;
        byte[] spki = new byte[prefix.Length + point.Length];
        prefix.CopyTo(spki);
        point.CopyTo(spki, prefix.Length);
        ECDsa key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return key;
        }
        catch (CryptographicException)
        {
            // Some platforms do not accept compressed points: decompress ourselves.
            key.Dispose();
        }

        (byte[] x, byte[] y) = Decompress(point, p384);
        return Import(curve, x, y);
    }

    public static bool Verify(ECDsa key, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> derSignature)
    {
        try
        {
            return key.VerifyHash(hash, derSignature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// y² = x³ − 3x + b over p; both NIST primes are ≡ 3 (mod 4), so a square root is (y²)^((p+1)/4).
    /// </summary>
    internal static (byte[] X, byte[] Y) Decompress(ReadOnlySpan<byte> compressed, bool p384)
    {
        BigInteger p = p384
            ? BigInteger.Parse("0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            : BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        BigInteger b = p384
            ? BigInteger.Parse("0b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            : BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        int length = compressed.Length - 1;
        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (x >= p)
        {
            throw Error.Malformed("the verification key is not a point on the suite's curve");
        }

        BigInteger rhs = (BigInteger.ModPow(x, 3, p) - (3 * x) + b) % p;
        if (rhs.Sign < 0)
        {
            rhs += p;
        }

        BigInteger y = BigInteger.ModPow(rhs, (p + 1) / 4, p);
        if (BigInteger.ModPow(y, 2, p) != rhs)
        {
            throw Error.Malformed("the verification key is not a point on the suite's curve");
        }

        if ((y.IsEven ? 0x02 : 0x03) != compressed[0])
        {
            y = p - y;
        }

        return (ToFixed(x, length), ToFixed(y, length));
    }

    private static byte[] ToFixed(BigInteger value, int length)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] result = new byte[length];
        raw.CopyTo(result, length - raw.Length);
        return result;
    }

    private static ECDsa Import(ECCurve curve, byte[] x, byte[] y)
    {
        try
        {
            return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            throw Error.Malformed("the verification key is not a point on the suite's curve");
        }
    }
}
