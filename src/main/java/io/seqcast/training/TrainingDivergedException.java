package io.seqcast.training;

/** The training loss became NaN or infinite: the learning rate is too high or the data unscaled. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(int epoch, double loss) {
        super("training diverged in epoch " + epoch + ": loss " + loss
                + "; lower the learning rate or check the data's scale");
    }
}
