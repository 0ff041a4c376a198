using System;
using System.Collections.Generic;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The unverified header reader behind <c>turen inspect</c>: no key, no policy. Only <see cref="SessionBlobException"/>
/// may escape, and a parsed header must describe itself without throwing.
/// </summary>
public sealed class SessionHeaderTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "session-header";

    /// <inheritdoc />
    public string Description => "SessionBlob.ReadUnverifiedHeader; SessionBlobException only.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            SessionBlobHeader header = SessionBlob.ReadUnverifiedHeader(input);
            _ = header.ToString();
            _ = header.IsSigned;
            foreach (KeyValuePair<string, string> pair in header.Context)
            {
                _ = pair.Key.Length + pair.Value.Length;
            }
        }
        catch (SessionBlobException)
        {
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds() => new SessionMessageTarget().CreateSeeds();
}
