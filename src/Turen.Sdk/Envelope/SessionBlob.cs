using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope.Format;
using Turen.Sdk.IO;

namespace Turen.Sdk.Envelope;

/// <summary>
/// Seals and opens session blobs: AWS Encryption SDK messages (format version 2, suite 0x0478, framed) under a fresh
/// data key per blob, wrapped by an <see cref="IKeyring"/>. See docs/format.md for the byte layout.
/// </summary>
/// <remarks>
/// <para>Streaming methods use constant memory whatever the size: pooled frame buffers and one AES-GCM instance per
/// message (per lane when <see cref="SealOptions.MaxDegreeOfParallelism"/> or
/// <see cref="OpenOptions.MaxDegreeOfParallelism"/> spreads frames over threads). Opening writes a frame's plaintext only after that frame's tag verified, and holds back the last
/// frame until the end of the message (signature, no trailing bytes) checked out.</para>
/// <para>When <see cref="OpenAsync"/> throws, the destination may already hold the plaintext of earlier, individually
/// verified frames: the message as a whole is not authentic or not complete, so discard that output.
/// <see cref="OpenFileAsync"/> writes to a temporary file and renames it only on success.</para>
/// </remarks>
public static class SessionBlob
{
    /// <summary>The default frame length: 64 KiB (about 0.05 % overhead; see benchmarks/README.md).</summary>
    public const int DefaultFrameLength = 64 * 1024;

    /// <summary>The largest frame length Turen seals with: 2^30 bytes.</summary>
    public const int MaxSealFrameLength = 1 << 30;

    /// <summary>The context key that holds the organization id.</summary>
    public const string OrgContextKey = "turen.org";

    /// <summary>The context key that holds the session id.</summary>
    public const string SessionContextKey = "turen.session";

    /// <summary>Seals everything <paramref name="plaintext"/> yields into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The options are unusable (empty ids, a context key outside <c>[a-z0-9./-]</c>, an <c>aws-crypto-</c> key).</exception>
    public static Task<SessionBlobResult> SealAsync(Stream plaintext, Stream destination, IKeyring keyring, SealOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(options);
        return MessageEncoder.SealAsync(plaintext, destination, keyring, options, cancellationToken);
    }

    /// <summary>
    /// Opens the session blob <paramref name="blob"/> yields into <paramref name="destination"/>. Read the remarks of
    /// <see cref="SessionBlob"/> about output written before a failure.
    /// </summary>
    /// <remarks>
    /// A <see cref="MemoryStream"/> whose buffer is exposed (<see cref="MemoryStream.TryGetBuffer"/>) is decrypted
    /// where it lies instead of being copied frame by frame; do not modify that buffer while the call runs.
    /// </remarks>
    /// <returns>The authenticated header and the sizes.</returns>
    /// <exception cref="SessionBlobException">The blob is malformed, truncated, not authentic, or no key opens it.</exception>
    public static Task<SessionBlobResult> OpenAsync(Stream blob, Stream destination, IKeyring keyring, OpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(keyring);
        return MessageDecoder.OpenAsync(blob, destination, keyring, options ?? OpenOptions.Default, cancellationToken);
    }

    /// <summary>Seals a small payload in memory.</summary>
    /// <remarks>Runs the keyring synchronously; prefer <see cref="SealAsync"/> with a keyring that does I/O.</remarks>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, IKeyring keyring, SealOptions options)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(options);
        byte[] copy = plaintext.ToArray();
        try
        {
            using var source = new MemoryStream(copy, writable: false);
            using var destination = new MemoryStream(plaintext.Length + 512);
            MessageEncoder.SealAsync(source, destination, keyring, options, CancellationToken.None).GetAwaiter().GetResult();
            return destination.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    /// <summary>Opens a small session blob in memory; all or nothing.</summary>
    /// <remarks>Runs the keyring synchronously; prefer <see cref="OpenAsync"/> with a keyring that does I/O.</remarks>
    /// <exception cref="SessionBlobException">The blob is malformed, truncated, not authentic, or no key opens it.</exception>
    public static byte[] Open(ReadOnlySpan<byte> blob, IKeyring keyring, OpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        byte[] copy = blob.ToArray();
        using var source = new MemoryStream(copy, 0, copy.Length, writable: false, publiclyVisible: true);
        var destination = new MemoryStream(blob.Length);
        try
        {
            MessageDecoder.OpenAsync(source, destination, keyring, options ?? OpenOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
            return destination.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(destination.GetBuffer());
            destination.Dispose();
        }
    }

    /// <summary>Opens a small session blob in memory, returning false instead of throwing when it cannot be opened.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> blob, IKeyring keyring, OpenOptions? options, [NotNullWhen(true)] out byte[]? plaintext)
    {
        try
        {
            plaintext = Open(blob, keyring, options);
            return true;
        }
        catch (SessionBlobException)
        {
            plaintext = null;
            return false;
        }
    }

    /// <summary>
    /// Opens the blob at <paramref name="blobPath"/> into <paramref name="plaintextPath"/>, writing a temporary file
    /// beside it (owner-only permissions) that replaces the destination only when the whole blob verified.
    /// </summary>
    /// <exception cref="SessionBlobException">The blob cannot be opened; the destination is left untouched.</exception>
    public static async Task<SessionBlobResult> OpenFileAsync(string blobPath, string plaintextPath, IKeyring keyring, OpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobPath);
        ArgumentException.ThrowIfNullOrEmpty(plaintextPath);
        ArgumentNullException.ThrowIfNull(keyring);
        var source = new FileStream(blobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            return await AtomicFile.WriteAsync(
                plaintextPath,
                destination => OpenAsync(source, destination, keyring, options, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Seals the file at <paramref name="plaintextPath"/> into <paramref name="blobPath"/> through a temporary file that
    /// replaces the destination only when sealing completed.
    /// </summary>
    public static async Task<SessionBlobResult> SealFileAsync(string plaintextPath, string blobPath, IKeyring keyring, SealOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintextPath);
        ArgumentException.ThrowIfNullOrEmpty(blobPath);
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(options);
        var source = new FileStream(plaintextPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            return await AtomicFile.WriteAsync(
                blobPath,
                destination => SealAsync(source, destination, keyring, options, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a header without authenticating it (no key is needed), for inspection. Nothing in it can be trusted until
    /// the blob is opened; the stream is left just after the header.
    /// </summary>
    /// <exception cref="SessionBlobException">The header is malformed or truncated.</exception>
    public static async Task<SessionBlobHeader> ReadUnverifiedHeaderAsync(Stream blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        using var input = new MessageInput(blob);
        ParsedHeader parsed = await HeaderReader.ReadAsync(input, OpenOptions.Default, enforcePolicy: false, cancellationToken).ConfigureAwait(false);
        return parsed.Header;
    }

    /// <summary>Reads a header from the start of <paramref name="blob"/> without authenticating it.</summary>
    /// <exception cref="SessionBlobException">The header is malformed or truncated.</exception>
    public static SessionBlobHeader ReadUnverifiedHeader(ReadOnlySpan<byte> blob)
    {
        using var source = new MemoryStream(blob.ToArray(), writable: false);
        return ReadUnverifiedHeaderAsync(source).GetAwaiter().GetResult();
    }
}
