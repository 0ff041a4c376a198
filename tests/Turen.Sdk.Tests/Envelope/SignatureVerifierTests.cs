using System;
using System.Security.Cryptography;
using Turen.Sdk.Envelope.Format;

namespace Turen.Sdk.Tests.Envelope;

public sealed class SignatureVerifierTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decompression_recovers_the_point(bool p384)
    {
        using ECDsa key = ECDsa.Create(p384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
        for (int i = 0; i < 8; i++)
        {
            using ECDsa k = i == 0 ? key : ECDsa.Create(p384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
            ECParameters parameters = k.ExportParameters(false);
            byte[] compressed = new byte[1 + parameters.Q.X!.Length];
            compressed[0] = (byte)((parameters.Q.Y![^1] & 1) == 0 ? 0x02 : 0x03);
            parameters.Q.X.CopyTo(compressed, 1);
            (byte[] x, byte[] y) = SignatureVerifier.Decompress(compressed, p384);
            Assert.Equal(parameters.Q.X, x);
            Assert.Equal(parameters.Q.Y, y);
        }
    }
}
