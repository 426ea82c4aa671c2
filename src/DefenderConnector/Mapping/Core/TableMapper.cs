namespace DefenderConnector.Mapping;

/// <summary>Maps one indexed record of a known table into one OCSF event.</summary>
internal delegate MapResult TableMapper(in MapContext context);
