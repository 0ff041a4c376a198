using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The session message decoder (header, encrypted data keys, frames, footer). Only <see cref="SessionBlobException"/> may
/// escape. Plaintext may only ever be the seed pattern (<see cref="SessionPlaintext"/>): the span API must return all or
/// nothing, and the streaming API, fed a few bytes per read, must agree with it and release only genuine bytes.
/// </summary>
public sealed class SessionMessageTarget : IFuzzTarget
{
    // Small limits keep one execution fast; the defaults are exercised by the unit tests.
    private static readonly OpenOptions Options = new() { MaxFrameLength = 1 << 16, AllowLegacy = true, AllowSigned = true };
    private static readonly IKeyring Keyring = FuzzKeys.CreateSessionKeyring();

    /// <inheritdoc />
    public string Name => "session-message";

    /// <inheritdoc />
    public string Description => "SessionBlob.Open and OpenAsync (span and 3-byte reads); SessionBlobException only; no unauthenticated plaintext.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        byte[]? whole = null;
        SessionBlobError? spanError = null;
        try
        {
            whole = SessionBlob.Open(input, Keyring, Options);
        }
        catch (SessionBlobException ex)
        {
            spanError = ex.Error;
        }

        if (whole is not null && !SessionPlaintext.IsGenuine(whole))
        {
            throw new FuzzPropertyException("Open returned plaintext that was never sealed.");
        }

        using var released = new MemoryStream();
        SessionBlobError? streamError = null;
        try
        {
            using var source = new ChunkedStream(input.ToArray(), 3);
            SessionBlob.OpenAsync(source, released, Keyring, Options, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (SessionBlobException ex)
        {
            streamError = ex.Error;
        }

        if (!SessionPlaintext.IsGenuine(released.GetBuffer().AsSpan(0, (int)released.Length)))
        {
            throw new FuzzPropertyException("OpenAsync wrote plaintext that was never sealed.");
        }

        if ((spanError is null) != (streamError is null))
        {
            throw new FuzzPropertyException($"Span and streaming decoders disagree: span {Describe(spanError)}, stream {Describe(streamError)}.");
        }

        if (whole is not null && released.Length != whole.Length)
        {
            throw new FuzzPropertyException("Span and streaming decoders returned different plaintext lengths.");
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        foreach ((int length, int frame) in new[] { (0, 64), (1, 64), (63, 64), (64, 64), (65, 64), (300, 100), (1000, 4096), (5000, 512) })
        {
            yield return SessionBlob.Seal(SessionPlaintext.Create(length), Keyring, new SealOptions
            {
                OrgId = "fuzz-org",
                SessionId = "s-" + length,
                FrameLength = frame,
                Context = EncryptionContext.Of("agent/name", "fuzzer"),
            });
        }
    }

    private static string Describe(SessionBlobError? error) => error?.ToString() ?? "success";
}
