namespace Beschikbaarheid.Data.Database;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }
