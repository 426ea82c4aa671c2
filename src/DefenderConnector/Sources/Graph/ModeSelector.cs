using DefenderConnector.Pulling;
namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Which API the source reads, and when to fall back or go back. Pinned: always the pinned API.
/// Auto: the chain is Graph (when the cloud offers it) then the configured legacy APIs; a capability
/// failure (missing permission, unsupported, not found, rejected token) moves down the chain at once,
/// repeated transient failures open the circuit after <c>circuitFailures</c> pulls, and the primary is
/// probed again every <c>primaryProbeInterval</c>. Time comes from the injected clock.
/// </summary>
internal sealed class ModeSelector
{
    private readonly IReadOnlyList<ApiMode> _chain;
    private readonly TimeSpan _probeInterval;
    private readonly int _circuitFailures;
    private readonly TimeProvider _time;
    private int _index;
    private int _failures;
    private DateTimeOffset _nextPrimaryProbe;

    public ModeSelector(GraphSourceOptions options, TimeProvider time)
    {
        _chain = Chain(options);
        _probeInterval = options.PrimaryProbeInterval;
        _circuitFailures = options.CircuitFailures;
        _time = time;
    }

    public ApiMode Current => _chain[_index];

    public ApiMode Primary => _chain[0];

    public IReadOnlyList<ApiMode> ChainOrder => _chain;

    /// <summary>Why the source left the primary, while it is away from it.</summary>
    public string? FallbackReason { get; private set; }

    public bool PrimaryProbeDue => _index > 0 && _time.GetUtcNow() >= _nextPrimaryProbe;

    public static IReadOnlyList<ApiMode> Chain(GraphSourceOptions options)
    {
        if (options.Mode.Pinned is { } pinned)
        {
            return [pinned];
        }

        var chain = new List<ApiMode>();
        if (options.Endpoints.GraphSecuritySupported)
        {
            chain.Add(ApiMode.Graph);
        }

        chain.AddRange(options.Fallback.Where(m => GraphSettingsReader.IsAvailable(m, options.Endpoints)));
        return chain.Count > 0 ? chain : [ApiMode.Graph];
    }

    /// <summary>True when this failure should move auto mode down the chain now.</summary>
    public static bool IsCapabilityFailure(ConnectorException failure) => failure.GraphReason is
        GraphFailureReason.MissingPermission or GraphFailureReason.NotSupported or GraphFailureReason.NotFound or GraphFailureReason.Unauthorized;

    public void Succeeded() => _failures = 0;

    /// <summary>Records a failed attempt on <see cref="Current"/>; returns the API to try next, or null to give up this pull.</summary>
    public ApiMode? Failed(ConnectorException failure)
    {
        var capability = IsCapabilityFailure(failure);
        if (!capability && ++_failures < _circuitFailures)
        {
            return null;
        }

        if (_index + 1 >= _chain.Count)
        {
            return null;
        }

        if (_index == 0)
        {
            FallbackReason = $"{failure.GraphReason}: {failure.Message}";
            _nextPrimaryProbe = _time.GetUtcNow() + _probeInterval;
        }

        _failures = 0;
        _index++;
        return Current;
    }

    public void PrimaryRecovered()
    {
        _index = 0;
        _failures = 0;
        FallbackReason = null;
    }

    public void PrimaryStillDown() => _nextPrimaryProbe = _time.GetUtcNow() + _probeInterval;

}
