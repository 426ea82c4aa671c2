namespace DefenderConnector.Sources.Graph;

/// <summary>Where a legacy (OData without next links) walk resumes: the lower bound and a small skip within ties.</summary>
internal sealed record LegacyContinuation(DateTimeOffset From, int Skip);
