using System;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing;

// Usage: Turen.Sdk.CrashWriter <state-directory> <machine-id>
// Rotates once, prints "ready <generation>", then rotates the agent state forever, printing each generation once its write is complete, until the
// crash test kills the process at a random moment.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Turen.Sdk.CrashWriter <state-directory> <machine-id>");
    return 2;
}

var store = new AgentStateStore(args[0], new FakeMachineIdentifierSource(args[1]));

// One write before "ready" so that the code is compiled and the test's random delays fall inside the write loop.
using (AgentState warmUp = store.Rotate())
{
    Console.WriteLine("ready " + warmUp.Generation);
}

while (true)
{
    using AgentState state = store.Rotate();
    Console.WriteLine(state.Generation);
}
