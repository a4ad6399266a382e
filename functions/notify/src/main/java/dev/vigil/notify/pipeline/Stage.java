package dev.vigil.notify.pipeline;

/**
 * One step of a flush, as a stage of Alertmanager's notify pipeline: it takes what the previous
 * stage left of a group's alerts for one receiver integration and passes on what the next one sees.
 * A sequence of stages is a stage too ({@link #then}).
 */
@FunctionalInterface
public interface Stage {

    Flush apply(Flush flush, FlushContext context);

    default Stage then(Stage next) {
        return (flush, context) -> next.apply(apply(flush, context), context);
    }

    static Stage sequence(Stage first, Stage... rest) {
        Stage s = first;
        for (Stage r : rest) {
            s = s.then(r);
        }
        return s;
    }
}
