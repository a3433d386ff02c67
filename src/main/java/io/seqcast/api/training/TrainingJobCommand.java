package io.seqcast.api.training;

import io.seqcast.training.jobs.TrainingJobService;
import io.seqcast.training.jobs.TrainingJobState;
import io.seqcast.training.jobs.TrainingJobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one training job and exits: the same image as the service, started as
 * <pre>
 *   --seqcast.job=train --seqcast.train.model=NAME --seqcast.train.data=/data/request.json
 *   --spring.main.web-application-type=none
 * </pre>
 * where {@code request.json} is a body of {@code POST /models/{name}/training-jobs} (series, horizon,
 * config). The job is validated, trained and registered exactly as the endpoint does it, into the
 * configured registry (PostgreSQL or a shared folder, so the serving replicas hot-swap to it). The
 * process exits 0 once the new version is registered, 1 when the request is refused or the job fails,
 * is cancelled or outlives {@code seqcast.train.timeout} (default 1 hour). The Helm chart's retrain
 * Job and CronJob run it.
 */
@Component
@ConditionalOnProperty(name = "seqcast.job", havingValue = "train")
class TrainingJobCommand implements ApplicationRunner {

    /** How the command ends the process; a test replaces it. */
    @FunctionalInterface
    interface Exit {
        void exit(int code);
    }

    private static final Logger log = LoggerFactory.getLogger(TrainingJobCommand.class);

    private final TrainingJobsController requests;
    private final TrainingJobService jobs;
    private final Environment environment;
    private final Exit exit;

    TrainingJobCommand(TrainingJobsController requests, TrainingJobService jobs, Environment environment,
                       ConfigurableApplicationContext context, org.springframework.beans.factory.ObjectProvider<Exit> exit) {
        this.requests = requests;
        this.jobs = jobs;
        this.environment = environment;
        this.exit = exit.getIfAvailable(() -> code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    @Override
    public void run(ApplicationArguments args) {
        exit.exit(train());
    }

    /** Runs the job the {@code seqcast.train.*} properties describe; returns the exit code. */
    int train() {
        return train(environment.getProperty("seqcast.train.model"), environment.getProperty("seqcast.train.data"),
                environment.getProperty("seqcast.train.timeout", Duration.class, Duration.ofHours(1)));
    }

    /** Trains {@code model} from the request body in {@code data}; returns the exit code. */
    int train(String model, String data, Duration timeout) {
        if (model == null || data == null) {
            log.error("seqcast.job=train needs --seqcast.train.model=NAME and --seqcast.train.data=FILE "
                    + "(a JSON body of POST /models/{name}/training-jobs)");
            return 1;
        }
        TrainingJobStatus job;
        try {
            job = requests.queue(model, Files.readAllBytes(Path.of(data)));
        } catch (IOException e) {
            log.error("cannot read the training data {}: {}", data, e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            log.error("training request for model '{}' refused: {}", model, e.getMessage());
            return 1;
        }
        log.info("training job {} for model '{}' queued", job.id(), model);
        Instant deadline = Instant.now().plus(timeout);
        int reported = 0;
        while (!job.state().finished()) {
            if (Instant.now().isAfter(deadline)) {
                jobs.cancel(job.id());
                log.error("training job {} outlived seqcast.train.timeout {}: cancelled", job.id(), timeout);
                return 1;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.cancel(job.id());
                return 1;
            }
            job = jobs.get(job.id());
            if (job.epoch() >= reported + 10) {
                reported = job.epoch();
                log.info("training job {}: epoch {}", job.id(), reported);
            }
        }
        if (job.state() == TrainingJobState.SUCCEEDED) {
            log.info("training job {} registered {}@{} in {}", job.id(), model, job.modelVersion(), job.elapsed());
            return 0;
        }
        log.error("training job {} {}: {}", job.id(), job.state().label(), job.error());
        return 1;
    }
}
