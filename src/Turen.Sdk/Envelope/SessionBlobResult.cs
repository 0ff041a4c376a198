namespace Turen.Sdk.Envelope;

/// <summary>What a seal or open did: the authenticated header and the sizes on either side.</summary>
/// <param name="Header">The header, authenticated.</param>
/// <param name="PlaintextLength">Plaintext bytes read (seal) or released (open).</param>
/// <param name="BlobLength">Sealed bytes written (seal) or read (open).</param>
/// <param name="FrameCount">The number of frames, the final frame included (1 for a non-framed body).</param>
public sealed record SessionBlobResult(SessionBlobHeader Header, long PlaintextLength, long BlobLength, long FrameCount);
