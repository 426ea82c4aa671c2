using System.Runtime.CompilerServices;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// The integration tests run many real servers and clients at once on two cores, and the AMQP library
/// blocks threads in places; with the thread pool's slow ramp-up that starves connections into
/// timeouts. Starting with more threads keeps the tests about behaviour, not about the pool.
/// </summary>
internal static class ThreadPoolWarmup
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
