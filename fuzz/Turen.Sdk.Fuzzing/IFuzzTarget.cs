using System;
using System.Collections.Generic;

namespace Turen.Sdk.Fuzzing;

/// <summary>
/// One parser that reads untrusted bytes, wrapped so that a fuzzer can drive it. <see cref="Run"/> swallows exactly the
/// failures the parser documents; anything else escapes and is a finding (AFL++ records it as a crash). Broken
/// properties (plaintext released for inauthentic input, a secret echoed in a message) throw
/// <see cref="FuzzPropertyException"/>.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name used on the command line and as the corpus folder, e.g. <c>session-message</c>.</summary>
    string Name { get; }

    /// <summary>What is parsed and what may escape.</summary>
    string Description { get; }

    /// <summary>Runs one input through the parser and checks the target's properties.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Well-formed inputs made with the fuzz keys, so that mutations start deep inside the format.</summary>
    IEnumerable<byte[]> CreateSeeds();
}
