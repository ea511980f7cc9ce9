package io.tradermetrics.aspects;

import io.tradermetrics.annotation.TimedCall;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user's composed annotation: Micrometer refuses these (its issues #4832, #5657). */
@TimedCall(target = "binance")
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface BinanceCall {}
