"""Which Beam runner executes a run.

Local runs name the portable FnApiRunner explicitly: Beam's DirectRunner first tries
the Prism runner, whose binary is downloaded from GitHub at run time, which fails
offline and can hang where the host resolves but does not answer. With more than one
worker it runs in multi-processing mode, one SDK worker process (and one model) each.
"""

from __future__ import annotations

from apache_beam.options.pipeline_options import (
    DirectOptions,
    PipelineOptions,
    StandardOptions,
)

LOCAL = "FnApiRunner"
_LOCAL_NAMES = {None, "", "DirectRunner", "FnApiRunner", "SwitchingDirectRunner"}


def is_local(options: PipelineOptions) -> bool:
    return options.view_as(StandardOptions).runner in _LOCAL_NAMES


def configure_local(options: PipelineOptions, workers: int) -> None:
    direct = options.view_as(DirectOptions)
    direct.direct_num_workers = max(1, workers)
    direct.direct_running_mode = "multi_processing" if workers > 1 else "in_memory"
    options.view_as(StandardOptions).runner = LOCAL


def create(options: PipelineOptions):
    """A runner instance for local runs (with the options the SDK workers need), else
    None to let Beam create the named one."""
    if not is_local(options):
        return None
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    provision = fn_runner.ExtendedProvisionInfo(
        beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return fn_runner.FnApiRunner(provision_info=provision)
