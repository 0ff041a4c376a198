using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Tests.Fields;

public sealed class HmacSha256PoolTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(300)]
    public void One_block_expand_equals_the_BCL_HKDF_Expand(int infoLength)
    {
        byte[] prk = RandomNumberGenerator.GetBytes(32);
        byte[] info = RandomNumberGenerator.GetBytes(infoLength);
        using var pool = new HmacSha256Pool(prk);

        byte[] expected = HKDF.Expand(HashAlgorithmName.SHA256, prk, 32, info);
        byte[] actual = new byte[32];
        pool.ExpandOneBlock(info, actual);
        byte[] again = new byte[32];
        pool.ExpandOneBlock(info, again);

        Assert.Equal(expected, actual);
        Assert.Equal(expected, again);
    }

    [Fact]
    public void Rfc5869_test_case_1_first_block()
    {
        // RFC 5869 A.1: PRK and info from the test case; OKM's first 32 bytes are T(1).
        byte[] prk = Convert.FromHexString("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] info = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9");
        using var pool = new HmacSha256Pool(prk);
        byte[] okm = new byte[32];

        pool.ExpandOneBlock(info, okm);

        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf", Convert.ToHexString(okm).ToLowerInvariant());
    }

    [Fact]
    public void Compute_equals_the_one_shot_HMAC_over_both_parts_in_order()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] first = RandomNumberGenerator.GetBytes(40);
        byte[] second = RandomNumberGenerator.GetBytes(9);
        using var pool = new HmacSha256Pool(key);
        byte[] mac = new byte[32];

        pool.Compute(first, second, mac);

        Assert.Equal(HMACSHA256.HashData(key, first.Concat(second).ToArray()), mac);
        pool.Compute(second, first, mac);
        Assert.Equal(HMACSHA256.HashData(key, second.Concat(first).ToArray()), mac);
    }

    [Fact]
    public void Concurrent_callers_each_get_their_own_correct_result()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[][] inputs = Enumerable.Range(0, 64).Select(i => RandomNumberGenerator.GetBytes(i * 7)).ToArray();
        using var pool = new HmacSha256Pool(key);

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            byte[] input = inputs[i % inputs.Length];
            byte[] mac = new byte[32];
            pool.Compute(input, default, mac);
            Assert.Equal(HMACSHA256.HashData(key, input), mac);
        });
    }

    [Fact]
    public void Wrong_output_size_and_use_after_dispose_are_refused()
    {
        var pool = new HmacSha256Pool(RandomNumberGenerator.GetBytes(32));
        Assert.Throws<ArgumentException>(() => pool.ExpandOneBlock([1, 2, 3], new byte[16]));
        pool.Compute([1], default, new byte[32]);

        pool.Dispose();
        pool.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pool.Compute([1], default, new byte[32]));
    }
}
