"""An exception that keeps itself alive through its attribute.

The exception stores the object that failed as an attribute, and that
object stores the exception back: a cycle through the exception's
__dict__.  Dropping the last name leaves them to the collector, which
counts the dict among what it frees."""
import gc


class Job:
    def __init__(self, name):
        self.name = name
        self.error = None

    def __del__(self):
        print("job", self.name, "freed")


class JobFailed(Exception):
    def __init__(self, job):
        super().__init__("job failed: " + job.name)
        self.job = job
        job.error = self


job = Job("backup")
err = JobFailed(job)
print(err, err.job is job, job.error is err)
del job
del err
print("names gone")
print(gc.collect())
