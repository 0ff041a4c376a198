using System;
using System.IO;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

// Usage: Turen.Sdk.SealWriter <directory> <hex-key> <atomic|stream> <plaintext-bytes>
// Seals the same pattern plaintext again and again, printing "sealed N" after each blob is complete, until killed.
// atomic: SessionBlob.SealFileAsync to <directory>/blob.turen (write-then-rename, overwriting);
// stream: SessionBlob.SealAsync straight into a new <directory>/blob-N.turen FileStream (no rename at all).
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Turen.Sdk.SealWriter <directory> <hex-key> <atomic|stream> <plaintext-bytes>");
    return 2;
}

string directory = args[0];
using RawAesKeyring keyring = RawAesKeyring.Create("turen", "kill-test", Convert.FromHexString(args[1]));
bool atomic = args[2] == "atomic";
byte[] plaintext = new byte[int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)];
for (int i = 0; i < plaintext.Length; i++)
{
    plaintext[i] = (byte)((i * 131) + (i >> 8));
}

string source = Path.Combine(directory, "plaintext.bin");
File.WriteAllBytes(source, plaintext);
var options = new SealOptions { OrgId = "kill-org", SessionId = "kill-session", FrameLength = 4096 };
Console.WriteLine("ready");
for (int n = 0; ; n++)
{
    if (atomic)
    {
        await SessionBlob.SealFileAsync(source, Path.Combine(directory, "blob.turen"), keyring, options);
    }
    else
    {
        await using FileStream input = File.OpenRead(source);
        await using FileStream output = File.Create(Path.Combine(directory, $"blob-{n}.turen"));
        await SessionBlob.SealAsync(input, output, keyring, options);
    }

    Console.WriteLine("sealed " + n);
    await Task.Yield();
}
