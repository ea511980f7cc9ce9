package com.example.arb;

/** A fill as a venue reports it. */
public record Fill(String venue, String symbol, String side, double quantity, double price) {}
