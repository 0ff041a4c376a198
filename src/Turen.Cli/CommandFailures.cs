using System;
using System.Threading.Tasks;

namespace Turen.Cli;

/// <summary>
/// Runs every command's body: a failure becomes one line <c>turen: COMMAND: MESSAGE</c> on standard error and the exit
/// code <see cref="ExitCodes.For"/> gives it.
/// </summary>
internal static class CommandFailures
{
    public static async Task<int> RunAsync(string command, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ExitCodes.For(ex) is int code)
        {
            await Console.Error.WriteLineAsync(Message(command, ex.Message)).ConfigureAwait(false);
            return code;
        }
    }

    public static int Run(string command, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ExitCodes.For(ex) is int code)
        {
            Console.Error.WriteLine(Message(command, ex.Message));
            return code;
        }
    }

    /// <summary>The one message format.</summary>
    public static string Message(string command, string message) => $"turen: {command}: {message}";
}
