namespace PatrolScores.Gateway.Osm.Guard;

public enum OsmRefusal
{
    ServiceBlocked,
    UserBlocked,
}
