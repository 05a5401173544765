namespace Beschikbaarheid.Worker.Application;

/// <summary>A scheme refers to municipalities or schools the database does not know, or cannot be settled as asked.</summary>
public sealed class SettlementRejectedException(string message) : Exception(message);
